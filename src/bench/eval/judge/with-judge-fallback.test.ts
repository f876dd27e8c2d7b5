import { afterAll, beforeAll, describe } from 'vitest';
import { type ChatServer, startChatServer } from '../../../../test/chat-server.js';
import { runJudgeCases } from './judge.case.js';
import { createOpenAIJudge } from './openai-judge.js';
import { createPixelJudge } from './pixel-judge.js';
import { withJudgeFallback } from './with-judge-fallback.js';

describe('a judge whose primary is down', () => {
  let down: ChatServer;
  beforeAll(async () => {
    down = await startChatServer(() => ({ status: 503, body: 'overloaded' }));
  });
  afterAll(() => down.close());

  // The fallback answers every case, so the wrapped port keeps the contract too.
  runJudgeCases({
    name: 'openai (503) + pixel fallback',
    createJudge: () =>
      withJudgeFallback(
        createOpenAIJudge({ baseURL: down.baseURL, model: 'vision-x', maxRetries: 0 }),
        createPixelJudge(),
      ),
  });
});
