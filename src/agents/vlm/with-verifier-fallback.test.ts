import { afterAll, beforeAll, describe } from 'vitest';
import { type ChatServer, startChatServer } from '../../../test/chat-server.js';
import { createOpenAIVerifier } from './openai/create-openai-verifier.js';
import { createPixelVerifier } from './pixel/create-pixel-verifier.js';
import { runVerifierCases } from './verifier.case.js';
import { withVerifierFallback } from './with-verifier-fallback.js';

describe('a verifier whose primary is down', () => {
  let down: ChatServer;
  beforeAll(async () => {
    down = await startChatServer(() => ({ status: 503, body: 'overloaded' }));
  });
  afterAll(() => down.close());

  // The fallback answers every case, so the wrapped port keeps the contract too.
  runVerifierCases({
    name: 'openai (503) + pixel fallback',
    createVerifier: () =>
      withVerifierFallback(
        createOpenAIVerifier({ baseURL: down.baseURL, model: 'vision-test', maxRetries: 0 }),
        createPixelVerifier(),
      ),
  });
});
