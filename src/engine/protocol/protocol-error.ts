/** A protocol-level refusal (unknown session, bad body, missing token): the app maps it to `{ error }` + status. */
export class ProtocolError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 406 | 409 | 413 | 429 | 500,
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}
