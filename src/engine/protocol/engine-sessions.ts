import type { CausalVideoEngineV1, EncodedPrompt } from '../engine.js';
import { ProtocolError } from './protocol-error.js';
import type { CreateSessionRequest } from './wire.js';

/** Creates the engine of one protocol session from the client's settings (any field may be absent). */
export type EngineSessionFactory = (
  settings: CreateSessionRequest,
) => CausalVideoEngineV1 | Promise<CausalVideoEngineV1>;

/** One open session: its engine, the prompts it encoded and the queue that serialises its calls. */
export interface EngineSession {
  readonly id: string;
  readonly engine: CausalVideoEngineV1;
  /** Encodings by id, so requests reference prompts by handle. */
  readonly prompts: Map<string, EncodedPrompt>;
  /** Chunks generated so far: the index the next generate call must carry. */
  nextChunk: number;
  /** Runs `work` after every earlier call of this session (engines are not re-entrant). */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** The open sessions of one server, bounded; a session idle for `idleMs` is released (its client is gone). */
export function createEngineSessions(
  createEngine: EngineSessionFactory,
  maxSessions: number,
  idleMs: number,
) {
  const sessions = new Map<string, EngineSession>();
  const lastUsed = new Map<string, number>();
  let created = 0;
  let opening = 0;
  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const [id, used] of lastUsed) {
        if (now - used > idleMs) sessionsApi.close(id).catch(() => {});
      }
    },
    Math.min(idleMs, 60_000),
  );
  sweep.unref();

  const sessionsApi = {
    get size() {
      return sessions.size;
    },

    async open(settings: CreateSessionRequest): Promise<EngineSession> {
      if (sessions.size + opening >= maxSessions) {
        throw new ProtocolError(
          429,
          'too-many-sessions',
          `this server holds at most ${maxSessions} sessions`,
          'release a session (DELETE /v1/sessions/ID) or try again later',
        );
      }
      opening += 1;
      try {
        const engine = await createEngine(settings);
        created += 1;
        const id = `s${created}-${Math.random().toString(36).slice(2, 10)}`;
        let queue: Promise<unknown> = Promise.resolve();
        const session: EngineSession = {
          id,
          engine,
          prompts: new Map(),
          nextChunk: 0,
          run(work) {
            const result = queue.then(work, work);
            queue = result.catch(() => {});
            return result;
          },
        };
        sessions.set(id, session);
        lastUsed.set(id, Date.now());
        return session;
      } finally {
        opening -= 1;
      }
    },

    get(id: string): EngineSession {
      const session = sessions.get(id);
      if (session === undefined) {
        throw new ProtocolError(
          404,
          'unknown-session',
          `no open session ${id}`,
          'open one with POST /v1/sessions; a released session is gone',
        );
      }
      lastUsed.set(id, Date.now());
      return session;
    },

    async close(id: string): Promise<void> {
      const session = sessionsApi.get(id);
      sessions.delete(id);
      lastUsed.delete(id);
      await session.run(() => session.engine.release());
    },

    async closeAll(): Promise<void> {
      clearInterval(sweep);
      await Promise.all([...sessions.keys()].map((id) => sessionsApi.close(id)));
    },
  };
  return sessionsApi;
}

/** The bounded session table of one server. */
export type EngineSessions = ReturnType<typeof createEngineSessions>;
