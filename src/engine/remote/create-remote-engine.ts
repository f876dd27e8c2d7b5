import { EngineError } from '../../errors/engine-error.js';
import { resizeFrame } from '../../frame/resize-frame.js';
import type { VideoFrame } from '../../frame/video-frame.js';
import type {
  CausalVideoEngineV1,
  EncodedPrompt,
  EngineCosts,
  EngineInfo,
  GenerateChunkOptions,
  RenderRecordEntry,
} from '../engine.js';
import {
  ENGINE_PROTOCOL,
  PROTOCOL_PREFIX,
  promptReplySchema,
  renderRecordReplySchema,
  type StateOp,
  sessionReplySchema,
  stateReplySchema,
} from '../protocol/wire.js';
import { readChunkReply, readFrames } from './read-frames.js';
import { callRemote, type RemoteCall, readJson } from './remote-call.js';
import type { RemoteEngineSettings } from './remote-settings.js';

const reference = (prompt: EncodedPrompt) => ({ id: prompt.id, text: prompt.text });

/**
 * Opens a session on an engine protocol server (docs/engine-protocol.md) and returns it as a
 * `CausalVideoEngineV1`. Costs (and the store's size) travel with every reply, so `costs()` stays synchronous;
 * with `renderRecord` the record of each decoded chunk is fetched beside its frames.
 *
 * @example
 * const engine = await createRemoteEngine({ url: 'http://127.0.0.1:7870', session: { width: 480, height: 270, seed: 1 } });
 * const chunk = await engine.generateChunk({ prompt: await engine.encodePrompt('Nora walks in the rain.') });
 */
export async function createRemoteEngine(settings: RemoteEngineSettings): Promise<CausalVideoEngineV1> {
  const opened = await callRemote(
    settings,
    { method: 'POST', path: `${PROTOCOL_PREFIX}/sessions`, body: settings.session ?? {}, idempotent: false },
    (response) => readJson(response, sessionReplySchema),
  );
  if (!opened.protocol.startsWith(ENGINE_PROTOCOL)) {
    throw new EngineError({
      message: `remote engine ${settings.url} speaks ${opened.protocol}, not ${ENGINE_PROTOCOL}`,
      issues: [
        {
          code: 'protocol-mismatch',
          path: ['remote engine', settings.url],
          message: `the server speaks ${opened.protocol}`,
          hint: `use a server of ${ENGINE_PROTOCOL}`,
        },
      ],
    });
  }
  const base = `${PROTOCOL_PREFIX}/sessions/${encodeURIComponent(opened.session)}`;
  let costs: EngineCosts = opened.costs;
  let storeBytes = opened.storeBytes ?? 0;
  let nextChunk = 0;
  let released = false;
  const records = new Map<number, RenderRecordEntry[]>();
  // Deferred state calls and what the client knows of the store, to refuse what the engine would refuse.
  const defer = settings.deferStateCalls !== false;
  let pending: StateOp[] = [];
  const stored = new Set<string>();
  const takePending = () => {
    const ops = pending;
    pending = [];
    return ops.length > 0 ? { before: ops } : {};
  };
  const refuse = (code: string, call: string, message: string, hint?: string) =>
    new EngineError({
      message: `remote engine ${settings.url}: ${call}: ${message}`,
      issues: [
        hint === undefined
          ? { code, path: ['remote engine', call], message }
          : { code, path: ['remote engine', call], message, hint },
      ],
    });
  // A server that decodes frames of another size than its session's would skew every frame of the video.
  const checkFrameSize = (frames: VideoFrame[], call: string) => {
    const { width, height } = opened.info;
    const wrong = frames.find((frame) => frame.width !== width || frame.height !== height);
    if (wrong === undefined) return frames;
    throw refuse(
      'wrong-frame-size',
      call,
      `frames of ${wrong.width}x${wrong.height}, but the session is ${width}x${height}`,
      'the engine server must decode frames at the size it reported when the session opened',
    );
  };
  // The ability travels in `abilities`; the port reads it from the info.
  const info: EngineInfo = opened.abilities.imageToVideo
    ? { ...opened.info, imageToVideo: true }
    : opened.info;
  const fetchRecords = opened.abilities.renderRecord && settings.renderRecord !== false;
  // Frames the server decoded ahead, for the next decodeChunk of that chunk.
  let ahead: { chunk: number; frames: VideoFrame[] } | undefined;

  // Sent at the engine's frame size: a large photo would pass the server's body limit.
  const picture = (original: VideoFrame) => {
    const image = resizeFrame(original, opened.info.width, opened.info.height);
    const rgb24 = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength).toString(
      'base64',
    );
    return { width: image.width, height: image.height, rgb24 };
  };
  // Refused here, before any deferred call leaves: the server would refuse it too.
  const startPicture = (image: VideoFrame) => {
    if (info.imageToVideo !== true) {
      throw refuse(
        'start-image-unsupported',
        'generateChunk',
        `the engine ${opened.provider}/${opened.modelId} cannot start a video from an image`,
        'check engine.info.imageToVideo before passing startImage',
      );
    }
    if (nextChunk !== 0) {
      throw refuse(
        'start-image-not-first',
        'generateChunk',
        `a start image is taken on chunk 0 only, this is chunk ${nextChunk}`,
        'pass startImage with the first generateChunk call',
      );
    }
    return picture(image);
  };
  const live = (call: string) => {
    if (!released) return;
    throw new EngineError({
      message: `remote engine ${settings.url}: ${call} after release`,
      issues: [
        {
          code: 'engine-released',
          path: ['remote engine', call],
          message: 'the engine was released',
          hint: 'create a new engine',
        },
      ],
    });
  };
  const remember = (state: { costs: EngineCosts; storeBytes?: number | undefined }) => {
    costs = state.costs;
    if (state.storeBytes !== undefined) storeBytes = state.storeBytes;
  };
  const send = async (call: Omit<RemoteCall, 'path'> & { path: string }) => {
    remember(
      await callRemote(settings, { ...call, path: `${base}${call.path}` }, (r) =>
        readJson(r, stateReplySchema),
      ),
    );
  };

  const engine: CausalVideoEngineV1 = {
    specificationVersion: 'v1',
    provider: 'remote',
    modelId: `${opened.provider}/${opened.modelId}`,
    info,

    async encodePrompt(text) {
      live('encodePrompt');
      const reply = await callRemote(
        settings,
        { method: 'POST', path: `${base}/prompts`, body: { text }, idempotent: true },
        (response) => readJson(response, promptReplySchema),
      );
      remember(reply);
      return reply.prompt;
    },

    async generateChunk(options: GenerateChunkOptions) {
      live('generateChunk');
      const startImage = options.startImage && startPicture(options.startImage);
      const body = {
        chunk: nextChunk,
        ...takePending(),
        prompt: reference(options.prompt),
        ...(options.blend
          ? { blend: { from: reference(options.blend.from), alpha: options.blend.alpha } }
          : {}),
        ...(options.memoryTopK === undefined ? {} : { memoryTopK: options.memoryTopK }),
        ...(startImage ? { startImage } : {}),
      };
      const decode = settings.decodeAhead === true ? { decode: true, renderRecord: fetchRecords } : {};
      const reply = await callRemote(
        settings,
        { method: 'POST', path: `${base}/chunks`, body: { ...body, ...decode }, idempotent: false },
        readChunkReply,
      );
      remember(reply);
      nextChunk = reply.chunk + 1;
      ahead = reply.video ? { chunk: reply.chunk, frames: reply.video } : undefined;
      if (reply.renderRecord) records.set(reply.chunk, reply.renderRecord as RenderRecordEntry[]);
      return { chunk: reply.chunk, startFrame: reply.startFrame, frames: reply.frames };
    },

    async recache(prompt, options = {}) {
      live('recache');
      const body = {
        ...takePending(),
        prompt: reference(prompt),
        ...(options.memoryTopK === undefined ? {} : { memoryTopK: options.memoryTopK }),
      };
      await send({ method: 'POST', path: '/recache', body, idempotent: false });
    },

    async storeFrame(frame, id) {
      live('storeFrame');
      if (!defer) {
        const path = `/store/${encodeURIComponent(id)}`;
        await send({ method: 'PUT', path, body: { frame }, idempotent: true });
        return;
      }
      if (!Number.isInteger(frame) || frame < 0 || frame >= nextChunk * opened.info.chunkFrames) {
        throw refuse('unknown-frame', 'storeFrame', `latent frame ${frame} was not generated`);
      }
      pending.push({ op: 'store', frame, id });
      stored.add(id);
    },

    async dropFrame(id) {
      live('dropFrame');
      if (!defer) {
        await send({ method: 'DELETE', path: `/store/${encodeURIComponent(id)}`, idempotent: true });
        return;
      }
      pending.push({ op: 'drop', id });
      stored.delete(id);
    },

    async setBank(ids) {
      live('setBank');
      if (!defer) {
        await send({ method: 'PUT', path: '/bank', body: { ids }, idempotent: true });
        return;
      }
      const capacity = opened.info.bankCapacity;
      if (ids.length > capacity) {
        throw refuse(
          'bank-overflow',
          'setBank',
          `the bank holds at most ${capacity} frames, got ${ids.length}`,
        );
      }
      const missing = ids.filter((id) => !stored.has(id));
      if (missing.length > 0) {
        const message = `no stored frame has id ${missing.join(', ')}`;
        throw refuse('unknown-frame-id', 'setBank', message, 'call storeFrame first');
      }
      pending.push({ op: 'bank', ids: [...ids] });
    },

    async decodeChunk(chunk) {
      live('decodeChunk');
      if (ahead?.chunk === chunk && (records.has(chunk) || !fetchRecords)) {
        const { frames } = ahead;
        ahead = undefined;
        return checkFrameSize(frames, `decodeChunk(${chunk})`);
      }
      const path = `${base}/chunks/${chunk}`;
      const frames = callRemote(
        settings,
        { method: 'GET', path: `${path}/frames`, idempotent: true, accept: 'application/octet-stream' },
        readFrames,
      );
      const record = fetchRecords
        ? callRemote(
            settings,
            { method: 'GET', path: `${path}/render-record`, idempotent: true },
            (response) => readJson(response, renderRecordReplySchema),
          )
        : undefined;
      const [decoded, recorded] = await Promise.all([frames, record]);
      if (decoded.costs) costs = decoded.costs;
      if (recorded) records.set(chunk, recorded.entries as RenderRecordEntry[]);
      return checkFrameSize(decoded.frames, `decodeChunk(${chunk})`);
    },

    costs: () => ({ ...costs }),

    async release() {
      if (released) return;
      released = true;
      records.clear();
      try {
        await callRemote(settings, { method: 'DELETE', path: base, idempotent: true }, async () => undefined);
      } catch (error) {
        // A session the server no longer knows is released already.
        if (!(EngineError.isInstance(error) && error.issues[0]?.code === 'unknown-session')) throw error;
      }
    },
  };
  if (fetchRecords) {
    engine.renderRecord = (chunk) => {
      live('renderRecord');
      const entries = records.get(chunk);
      if (entries !== undefined) return entries;
      throw new EngineError({
        message: `remote engine ${settings.url}: no render record of chunk ${chunk}`,
        issues: [
          {
            code: 'render-record-missing',
            path: ['remote engine', 'renderRecord', chunk],
            message: `chunk ${chunk} was not decoded through this engine`,
            hint: 'decode the chunk first',
          },
        ],
      });
    };
  }
  if (opened.abilities.storeBytes) engine.storeBytes = () => storeBytes;
  if (opened.abilities.encodeImage) {
    engine.encodeImage = async ({ image, id, text, position }) => {
      live('encodeImage');
      // Deferred state calls go first, so the store sees every call in the order the client made it.
      const body = {
        ...picture(image),
        ...(text === undefined ? {} : { text }),
        ...(position === undefined ? {} : { position }),
        ...takePending(),
      };
      await send({ method: 'PUT', path: `/images/${encodeURIComponent(id)}`, body, idempotent: true });
      stored.add(id);
    };
  }
  return engine;
}
