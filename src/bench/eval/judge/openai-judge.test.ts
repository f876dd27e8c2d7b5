import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatServer, startChatServer } from '../../../../test/chat-server.js';
import { annotations, craftVideo, timeline } from '../__fixtures__/craft-video.js';
import { evaluateVideo } from '../evaluate-video.js';
import { judgeCaseTitles, runJudgeCases } from './judge.case.js';
import { createOpenAIJudge, parseVerdict } from './openai-judge.js';

const calls: Array<{ url: string; body: { model: string; messages: Array<{ content: unknown }> } }> = [];
let server: Server;
let baseURL = '';
const replies: Record<string, () => { status: number; body: string }> = {
  good: () => ({
    status: 200,
    body: JSON.stringify({
      choices: [
        {
          message: {
            content: '```json\n{"presence": 8, "attributes": 6, "action": 10, "continuity": 8}\n```',
          },
        },
      ],
    }),
  }),
  broken: () => ({ status: 500, body: 'upstream exploded' }),
};

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      calls.push({ url: request.url ?? '', body: JSON.parse(body) });
      const reply = replies[request.url?.split('/')[1] ?? '']!();
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('openai judge', () => {
  const frames = craftVideo();

  it('asks per segment with 5 PNG frames and once overall, and combines 0.8 / 0.2', async () => {
    calls.length = 0;
    const report = await evaluateVideo({
      frames,
      fps: 16,
      timeline,
      annotations,
      judge: createOpenAIJudge({ baseURL: `${baseURL}/good`, model: 'vision-x' }),
    });
    expect(report.judge).toBe('openai');
    expect(report.metrics.judgeScore).toBeCloseTo(80, 5);
    expect(calls).toHaveLength(timeline.segments.length + 1);
    expect(calls[0]!.url).toBe('/good/chat/completions');
    const content = calls[0]!.body.messages[1]!.content as Array<{
      type: string;
      image_url?: { url: string };
    }>;
    expect(content.filter((part) => part.type === 'image_url')).toHaveLength(5);
    expect(content[1]!.image_url!.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });

  it('falls back to the pixel judge and says so when the endpoint fails', async () => {
    const report = await evaluateVideo({
      frames,
      fps: 16,
      timeline,
      annotations,
      judge: createOpenAIJudge({ baseURL: `${baseURL}/broken`, model: 'vision-x' }),
    });
    expect(report.judge).toBe('pixel');
    expect(report.warnings.join(' ')).toMatch(/openai judge failed.*500/);
    expect(report.metrics.judgeScore).toBeGreaterThan(80);
  });

  it.each([
    ['{"presence": 10, "attributes": 5}', 0.75],
    ['Sure! {"score": 7}', 0.7],
    ['{"score": 0.4}', 0.4],
    ['{"score": 85}', 0.85],
    ['no json here', undefined],
    ['{"presence": "nine"}', undefined],
  ])('reads %s leniently', (text, expected) => {
    const value = parseVerdict(text);
    if (expected === undefined) expect(value).toBeUndefined();
    else expect(value).toBeCloseTo(expected, 5);
  });
});

describe('openai judge against a local model', () => {
  let model: ChatServer;
  beforeAll(async () => {
    model = await startChatServer(() => ({
      content: '{"presence": 9, "attributes": 7, "action": 8, "continuity": 9}',
    }));
  });
  afterAll(() => model.close());

  runJudgeCases({
    name: 'openai (local server)',
    createJudge: () => createOpenAIJudge({ baseURL: model.baseURL, model: 'vision-x', retryDelayMs: 1 }),
    skip: [{ reason: 'the test model answers the same for every video', tests: [judgeCaseTitles.faithful] }],
  });
});
