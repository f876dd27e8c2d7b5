import type { CreateSessionRequest } from '../protocol/wire.js';

/** Settings of `createRemoteEngine`. */
export interface RemoteEngineSettings {
  /** Base URL of an engine protocol server, without `/v1`, e.g. `http://127.0.0.1:7870`. */
  url: string;
  /** Bearer token the server requires (`iamflow engine serve --token`); omit for none. */
  token?: string;
  /** `fetch` implementation; defaults to the global one. Tests inject their own. */
  fetch?: typeof globalThis.fetch;
  /** Time allowed per HTTP attempt in milliseconds, body included. Default 120,000 (a GPU chunk takes seconds). */
  timeoutMs?: number;
  /**
   * Retries after the first attempt on retryable failures (408, 409, 429, 5xx, network, timeout) of idempotent
   * calls; generate, recache and session opening retry only when the server refused before working (429, 503,
   * connection refused). Default 2.
   */
  maxRetries?: number;
  /** Delay before the first retry in milliseconds; doubles each retry. Default 250. */
  retryDelayMs?: number;
  /** What the session is opened with: size, seed, fps, steps and engine-specific `options`. Default: the server's. */
  session?: CreateSessionRequest;
  /**
   * Fetch each decoded chunk's render record (the evaluator's oracle) when the server offers one, so the engine
   * has `renderRecord()`. Default true.
   */
  renderRecord?: boolean;
  /**
   * Send storeFrame, dropFrame and setBank ahead of the next generate or recache (its `before` list) instead of one
   * round trip each. The client checks what it can know (a frame not generated yet, an id not stored, a bank over
   * capacity) and rejects at once, as the engine would; a refusal only the server can make surfaces at that next
   * call, naming the deferred call. Default true.
   */
  deferStateCalls?: boolean;
  /**
   * Ask the server to decode each chunk as it generates it and send the frames (and render record) in the same
   * reply, so `decodeChunk` of that chunk needs no round trip. For callers that decode every chunk right after
   * generating it (the run layer does); a server that ignores it costs nothing. Default false.
   */
  decodeAhead?: boolean;
}
