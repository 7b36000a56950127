/**
 * Text that came from a file or a member of staff, made safe to print to a maintainer's
 * terminal: C0 and C1 control characters (escape sequences that erase lines, hide text or
 * add links), and bidirectional overrides, are removed; line breaks and tabs become spaces.
 */
export function stripControl(text: string): string {
  return text.replace(/[\t\n\r]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** A whole block of output made safe for a terminal: as stripControl, but line breaks and tabs are kept. */
export function terminalSafe(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}
