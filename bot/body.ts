import type { IncomingMessage } from 'node:http';

/** Why a request body was not read: each maps to one HTTP status and a plain sentence. */
export interface BodyRefusal {
  status: 408 | 413 | 415;
  error: string;
  /** A short name for the log and the refusal counters. */
  reason: 'slow-body' | 'too-large' | 'compressed';
}

export interface BodyLimits {
  maxBytes: number;
  /** The whole body must arrive within this time, or the connection is closed. */
  timeoutMs: number;
}

export type BodyResult = { ok: true; body: unknown } | { ok: false; refusal: BodyRefusal };

/**
 * Reads a JSON request body within hard limits. Bot Framework never compresses its requests,
 * so a Content-Encoding is refused outright: a small gzip body can inflate to gigabytes. The
 * byte count is of what arrives on the wire, checked as each chunk comes in, and a body that
 * has not finished in time is abandoned, so a slow or unfinished upload holds at most
 * `maxBytes` for at most `timeoutMs`.
 *
 * A body that is not JSON (by content type or by content) comes back as `undefined`, for the
 * caller's "not an activity" 400.
 */
export function readJsonBody(req: IncomingMessage, limits: BodyLimits): Promise<BodyResult> {
  const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== '') {
    return Promise.resolve({ ok: false, refusal: { status: 415, reason: 'compressed', error: 'Compressed request bodies are not accepted: send the activity as plain JSON.' } });
  }
  const tooLarge: BodyRefusal = { status: 413, reason: 'too-large', error: `The request body is larger than ${Math.round(limits.maxBytes / 1024)} KB.` };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) return Promise.resolve({ ok: false, refusal: tooLarge });

  return new Promise((resolve) => {
    // With a Content-Length (Bot Connector always sends one) the body is copied into one buffer
    // of that size as it arrives, so the socket's read buffers are freed at once: a body
    // dripped a byte at a time cannot pin a read buffer per byte.
    const sized = Number.isFinite(declared) && declared >= 0 ? Buffer.allocUnsafe(declared) : undefined;
    let chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      chunks = []; // what was read is released at once, whatever happens next
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, refusal: { status: 408, reason: 'slow-body', error: 'The request body did not arrive in time.' } }), limits.timeoutMs);
    const onData = (chunk: Buffer) => {
      if (received + chunk.length > limits.maxBytes || (sized && received + chunk.length > sized.length)) return finish({ ok: false, refusal: tooLarge });
      if (sized) chunk.copy(sized, received);
      else chunks.push(chunk);
      received += chunk.length;
    };
    const onEnd = () => {
      const text = (sized ? sized.subarray(0, received) : Buffer.concat(chunks)).toString('utf8');
      const isJson = /^application\/(?:[\w.+-]+\+)?json\b/i.test(String(req.headers['content-type'] ?? ''));
      let body: unknown;
      if (isJson && text.trim()) {
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
      }
      finish({ ok: true, body });
    };
    const onError = () => finish({ ok: false, refusal: { status: 408, reason: 'slow-body', error: 'The request body did not arrive in full.' } });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}
