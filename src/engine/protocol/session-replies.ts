import { EngineError } from '../../errors/engine-error.js';
import { IamflowError } from '../../errors/iamflow-error.js';
import type { EncodedPrompt } from '../engine.js';
import type { EngineSession } from './engine-sessions.js';
import { ENGINE_PROTOCOL, encodeVector, type StateOp } from './wire.js';

/** The state every session reply carries: cumulative costs, and the store's size when the engine knows it. */
export function sessionState(session: EngineSession) {
  const storeBytes = session.engine.storeBytes?.();
  return { costs: session.engine.costs(), ...(storeBytes === undefined ? {} : { storeBytes }) };
}

export function describeSession(session: EngineSession) {
  const { engine } = session;
  return {
    session: session.id,
    protocol: ENGINE_PROTOCOL,
    provider: engine.provider,
    modelId: engine.modelId,
    info: engine.info,
    abilities: {
      renderRecord: engine.renderRecord !== undefined,
      storeBytes: engine.storeBytes !== undefined,
      encodeImage: engine.encodeImage !== undefined,
      imageToVideo: engine.info.imageToVideo === true,
    },
    ...sessionState(session),
  };
}

export async function resolvePrompt(session: EngineSession, reference: { id: string; text: string }) {
  const known = session.prompts.get(reference.id);
  if (known !== undefined) return known;
  const encoded = await session.engine.encodePrompt(reference.text);
  session.prompts.set(encoded.id, encoded);
  return encoded;
}

/** Applies deferred state calls in order; a refusal names the call (`before[2] bank`) and stops there. */
export async function applyStateOps(
  session: EngineSession,
  ops: readonly StateOp[] | undefined,
): Promise<void> {
  for (const [index, op] of (ops ?? []).entries()) {
    try {
      if (op.op === 'store') await session.engine.storeFrame(op.frame, op.id);
      else if (op.op === 'drop') await session.engine.dropFrame(op.id);
      else await session.engine.setBank(op.ids);
    } catch (error) {
      if (!IamflowError.isInstance(error)) throw error;
      const issue = error.issues[0];
      const message = `before[${index}] ${op.op}: ${error.message}`;
      throw new EngineError({
        message,
        issues: [
          {
            code: issue?.code ?? 'engine-error',
            path: ['before', index],
            message,
            ...(issue?.hint ? { hint: issue.hint } : {}),
          },
        ],
        cause: error,
      });
    }
  }
}

export function encodePromptReply(prompt: EncodedPrompt) {
  return {
    id: prompt.id,
    text: prompt.text,
    tokens: prompt.tokens.map((token) => ({ ...token, key: encodeVector(token.key) })),
    embedding: encodeVector(prompt.embedding),
  };
}
