import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { EngineError } from '../../errors/engine-error.js';
import { IamflowError } from '../../errors/iamflow-error.js';
import type { VideoFrame } from '../../frame/video-frame.js';
import { limitBody } from '../../http/limit-body.js';
import { createEngineSessions, type EngineSessionFactory } from './engine-sessions.js';
import { ProtocolError } from './protocol-error.js';
import { chunkParameter, readBody } from './read-request.js';
import {
  applyStateOps,
  describeSession,
  encodePromptReply,
  resolvePrompt,
  sessionState,
} from './session-replies.js';
import {
  CHUNK_WITH_FRAMES,
  ENGINE_PROTOCOL,
  encodeCostsHeader,
  encodeVector,
  frameHeaders,
  PROTOCOL_PREFIX,
  RGB24,
  requestSchemas,
} from './wire.js';

/** Settings of {@link createEngineApp}. */
export interface EngineAppSettings {
  /** Creates the engine of each session. */
  createEngine: EngineSessionFactory;
  /** Bearer token every route but `GET /v1/health` requires; omit for none (loopback only). */
  token?: string;
  /** Sessions open at once; one more answers 429. Default 4. */
  maxSessions?: number;
  /** Largest request body in bytes; larger answers 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** A session without a call for this long is released (its client died). Default 10 minutes. */
  sessionIdleMs?: number;
}

const errorBody = (code: string, message: string, hint?: string) => ({
  error: hint === undefined ? { code, message } : { code, message, hint },
});

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A request's rgb24 picture as a frame. */
function pictureOf(picture: { width: number; height: number; rgb24: string }): VideoFrame {
  return {
    width: picture.width,
    height: picture.height,
    data: new Uint8Array(Buffer.from(picture.rgb24, 'base64')),
  };
}

/** A `CHUNK_WITH_FRAMES` reply: u32 LE length of the JSON, the JSON, then the frames, streamed part by part. */
function framesResponse(json: Uint8Array, frames: readonly Uint8Array[]): Response {
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32LE(json.length, 0);
  const parts = [prefix, json, ...frames];
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  return new Response(body, {
    headers: { 'content-type': CHUNK_WITH_FRAMES, 'content-length': String(length) },
  });
}

/**
 * The engine protocol (docs/engine-protocol.md) over any engine, as a Hono app: one engine per session, calls of
 * a session serialised, token and body limits enforced, every failure answered as `{ error: { code, message,
 * hint } }`. `sessions.closeAll()` releases every engine (on shutdown).
 *
 * @example
 * const { app } = createEngineApp({ createEngine: (settings) => createMiniEngine(settings) });
 * const reply = await app.request('/v1/health');
 */
export function createEngineApp(settings: EngineAppSettings) {
  const sessions = createEngineSessions(
    settings.createEngine,
    settings.maxSessions ?? 4,
    settings.sessionIdleMs ?? 600_000,
  );
  const app = new Hono();
  const v1 = new Hono();

  app.onError((error, context) => {
    if (error instanceof ProtocolError) {
      return context.json(errorBody(error.code, error.message, error.hint), error.status);
    }
    if (IamflowError.isInstance(error)) {
      const issue = error.issues[0];
      const status = EngineError.isInstance(error) ? 409 : 400;
      return context.json(errorBody(issue?.code ?? 'engine-error', error.message, issue?.hint), status);
    }
    const message = error instanceof Error ? error.message : String(error);
    return context.json(errorBody('engine-failed', message), 500);
  });
  app.notFound((context) =>
    context.json(errorBody('unknown-route', `no route ${context.req.method} ${context.req.path}`), 404),
  );

  v1.get('/health', (context) => context.json({ protocol: ENGINE_PROTOCOL, sessions: sessions.size }));
  v1.use('*', async (context, next) => {
    if (settings.token !== undefined) {
      const given = /^Bearer (.+)$/.exec(context.req.header('authorization') ?? '')?.[1] ?? '';
      if (!sameToken(given, settings.token)) {
        throw new ProtocolError(
          401,
          'unauthorized',
          'missing or wrong bearer token',
          'send Authorization: Bearer TOKEN',
        );
      }
    }
    await next();
  });
  v1.use(
    '*',
    limitBody(settings.maxBodyBytes ?? 1024 * 1024, () => {
      throw new ProtocolError(413, 'body-too-large', 'the request body is too large');
    }),
  );

  v1.post('/sessions', async (context) => {
    const session = await sessions.open(await readBody(context, requestSchemas.createSession));
    return context.json(describeSession(session), 201);
  });
  v1.get('/sessions/:session', (context) =>
    context.json(describeSession(sessions.get(context.req.param('session')))),
  );
  v1.delete('/sessions/:session', async (context) => {
    await sessions.close(context.req.param('session'));
    return context.json({ released: true });
  });
  v1.get('/sessions/:session/costs', (context) =>
    context.json(sessionState(sessions.get(context.req.param('session')))),
  );

  v1.post('/sessions/:session/prompts', async (context) => {
    const session = sessions.get(context.req.param('session'));
    const { text } = await readBody(context, requestSchemas.encodePrompt);
    return session.run(async () => {
      const prompt = await session.engine.encodePrompt(text);
      session.prompts.set(prompt.id, prompt);
      return context.json({ prompt: encodePromptReply(prompt), ...sessionState(session) });
    });
  });

  v1.post('/sessions/:session/chunks', async (context) => {
    const session = sessions.get(context.req.param('session'));
    const body = await readBody(context, requestSchemas.generateChunk);
    return session.run(async () => {
      if (body.chunk !== undefined && body.chunk !== session.nextChunk) {
        throw new ProtocolError(
          409,
          'chunk-mismatch',
          `asked for chunk ${body.chunk}, the next chunk is ${session.nextChunk}`,
          'a retried call may already have been generated; reopen the session',
        );
      }
      if (body.startImage !== undefined && session.engine.info.imageToVideo !== true) {
        throw new ProtocolError(
          400,
          'unsupported',
          `engine ${session.engine.provider} cannot start a video from an image`,
          'check abilities.imageToVideo of the session',
        );
      }
      await applyStateOps(session, body.before);
      const prompt = await resolvePrompt(session, body.prompt);
      const blend = body.blend && {
        from: await resolvePrompt(session, body.blend.from),
        alpha: body.blend.alpha,
      };
      const startImage = body.startImage && pictureOf(body.startImage);
      const chunk = await session.engine.generateChunk({
        prompt,
        ...(blend ? { blend } : {}),
        ...(startImage ? { startImage } : {}),
        ...(body.memoryTopK === undefined ? {} : { memoryTopK: body.memoryTopK }),
      });
      session.nextChunk = chunk.chunk + 1;
      const reply = {
        chunk: chunk.chunk,
        startFrame: chunk.startFrame,
        frames: chunk.frames.map((frame) => ({ frame: frame.frame, keys: frame.keys.map(encodeVector) })),
      };
      if (body.decode !== true) return context.json({ ...reply, ...sessionState(session) });
      // Decode-ahead: the frames ride in this reply, saving the client a round trip per chunk.
      const frames = await session.engine.decodeChunk(chunk.chunk);
      const record =
        body.renderRecord === true
          ? session.engine.renderRecord?.call(session.engine, chunk.chunk)
          : undefined;
      const { width, height } = frames[0] ?? session.engine.info;
      const video = { width, height, count: frames.length, pixelFormat: RGB24 };
      const json = { ...reply, video, ...(record ? { renderRecord: record } : {}), ...sessionState(session) };
      return framesResponse(
        Buffer.from(JSON.stringify(json)),
        frames.map((frame) => frame.data),
      );
    });
  });

  v1.post('/sessions/:session/recache', async (context) => {
    const session = sessions.get(context.req.param('session'));
    const body = await readBody(context, requestSchemas.recache);
    return session.run(async () => {
      await applyStateOps(session, body.before);
      const prompt = await resolvePrompt(session, body.prompt);
      await session.engine.recache(
        prompt,
        body.memoryTopK === undefined ? {} : { memoryTopK: body.memoryTopK },
      );
      return context.json(sessionState(session));
    });
  });

  v1.put('/sessions/:session/store/:id', async (context) => {
    const session = sessions.get(context.req.param('session'));
    const { frame } = await readBody(context, requestSchemas.storeFrame);
    return session.run(async () => {
      await session.engine.storeFrame(frame, context.req.param('id'));
      return context.json(sessionState(session));
    });
  });

  v1.put('/sessions/:session/images/:id', async (context) => {
    const session = sessions.get(context.req.param('session'));
    const { engine } = session;
    if (engine.encodeImage === undefined) {
      throw new ProtocolError(
        400,
        'unsupported',
        `engine ${engine.provider} cannot encode images`,
        'check abilities.encodeImage of the session',
      );
    }
    const body = await readBody(context, requestSchemas.encodeImage);
    return session.run(async () => {
      await applyStateOps(session, body.before);
      await engine.encodeImage!({
        image: pictureOf(body),
        id: context.req.param('id'),
        ...(body.text === undefined ? {} : { text: body.text }),
        ...(body.position === undefined ? {} : { position: body.position }),
      });
      return context.json(sessionState(session));
    });
  });

  v1.delete('/sessions/:session/store/:id', async (context) => {
    const session = sessions.get(context.req.param('session'));
    return session.run(async () => {
      await session.engine.dropFrame(context.req.param('id'));
      return context.json(sessionState(session));
    });
  });

  v1.put('/sessions/:session/bank', async (context) => {
    const session = sessions.get(context.req.param('session'));
    const { ids } = await readBody(context, requestSchemas.setBank);
    return session.run(async () => {
      await session.engine.setBank(ids);
      return context.json(sessionState(session));
    });
  });

  v1.get('/sessions/:session/chunks/:chunk/frames', async (context) => {
    const session = sessions.get(context.req.param('session'));
    const chunk = chunkParameter(context);
    const accept = context.req.header('accept') ?? '*/*';
    if (!/application\/octet-stream|\*\/\*/.test(accept)) {
      throw new ProtocolError(
        406,
        'unsupported-media-type',
        `this server answers frames as application/octet-stream (rgb24) only, not ${accept}`,
        'ask with Accept: application/octet-stream',
      );
    }
    return session.run(async () => {
      const frames = await session.engine.decodeChunk(chunk);
      const first = frames[0];
      // Frames go out one by one: no 4.7 MB concatenation per chunk (garbage the collector would chase).
      const length = frames.reduce((sum, frame) => sum + frame.data.length, 0);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const frame of frames) controller.enqueue(frame.data);
          controller.close();
        },
      });
      return new Response(body, {
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(length),
          [frameHeaders.width]: String(first?.width ?? session.engine.info.width),
          [frameHeaders.height]: String(first?.height ?? session.engine.info.height),
          [frameHeaders.count]: String(frames.length),
          [frameHeaders.pixelFormat]: RGB24,
          [frameHeaders.costs]: encodeCostsHeader(session.engine.costs()),
        },
      });
    });
  });

  v1.get('/sessions/:session/chunks/:chunk/render-record', async (context) => {
    const session = sessions.get(context.req.param('session'));
    const chunk = chunkParameter(context);
    const { renderRecord } = session.engine;
    if (renderRecord === undefined) {
      throw new ProtocolError(404, 'unsupported', `engine ${session.engine.provider} keeps no render record`);
    }
    return session.run(async () => context.json({ entries: renderRecord.call(session.engine, chunk) }));
  });

  app.route(PROTOCOL_PREFIX, v1);
  return { app, sessions };
}
