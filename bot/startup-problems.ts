/**
 * Start-up problems with the machine rather than the configuration, each as one line.
 *
 * Why the server could not listen, as one line a newcomer can act on, or undefined when the
 * error is not one of the usual start-up mistakes (then the caller lets it surface as is).
 */
export function listenProblem(error: unknown, port: number, host: string): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const other = port === 3978 ? 3979 : 3978;
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${port} on ${host} is already in use (is the bot already running?): stop the other process, or choose another port with PORT, e.g. PORT=${other} npm start`;
    case 'EACCES':
      return `Port ${port} on ${host} needs privileges this process does not have: choose a port above 1023 with PORT, e.g. PORT=${other} npm start`;
    case 'EADDRNOTAVAIL':
      return `HOST ${host} is not an address of this machine: unset HOST, or set it to one of this machine's addresses`;
    default:
      return undefined;
  }
}

/** LevelDB lets one process at a time hold a folder. */
export function stateInUse(stateDir: string): string {
  return `The state folder ${stateDir} is in use by another bot process (one bot per STATE_DIR): stop the other bot, or give this one its own folder, e.g. STATE_DIR=data-2 npm start`;
}

/** The exit code for a port or state folder that cannot be used (sysexits EX_UNAVAILABLE). */
export const EXIT_UNAVAILABLE = 69;
