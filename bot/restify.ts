/**
 * restify, loaded without Node's DEP0111 warning.
 *
 * restify 11 requires spdy (HTTP/2 and SPDY over TLS) as it loads, whether or not a server
 * asks for it, and spdy's http-deceiver reads `process.binding('http_parser')` at the top of
 * its module: Node prints "[DEP0111] Access to process.binding('http_parser') is deprecated"
 * twice on every start. This bot never creates a spdy server, so that code never runs; the
 * warning would only teach people to ignore warnings. Deprecation warnings are therefore
 * muted for the synchronous load of restify alone, and are shown as usual before and after.
 */
import type * as Restify from 'restify';

export type RestifyServer = Restify.Server;

/** `process.noDeprecation` is documented Node API, missing from @types/node 20. */
const node = process as NodeJS.Process & { noDeprecation?: boolean };

function loadQuietly<T>(load: () => T): T {
  const before = node.noDeprecation;
  node.noDeprecation = true;
  try {
    return load();
  } finally {
    node.noDeprecation = before;
  }
}

export const restify: typeof Restify = loadQuietly(() => require('restify') as typeof Restify);
