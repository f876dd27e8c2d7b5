import { describe, expect, it } from 'vitest';
import { createMiniEngine } from '../mini/mini-engine.js';
import { createEngineApp } from './create-engine-app.js';

const json = (body: unknown, token?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

describe('createEngineApp', () => {
  it('answers every refusal as { error: { code, message, hint } } with its status', async () => {
    const { app, sessions } = createEngineApp({
      createEngine: () => createMiniEngine({ width: 32, height: 18 }),
      token: 'sesame',
      maxSessions: 1,
      maxBodyBytes: 2048,
    });
    expect(await (await app.request('/v1/health')).json()).toEqual({
      protocol: 'iamflow-engine/1',
      sessions: 0,
    });
    const table: Array<[Response, number, string]> = [
      [await app.request('/v1/sessions', json({})), 401, 'unauthorized'],
      [await app.request('/v1/sessions', json({}, 'wrong')), 401, 'unauthorized'],
      [await app.request('/v1/sessions', json({ width: 'wide' }, 'sesame')), 400, 'invalid-request'],
      [await app.request('/v1/sessions', json({ text: 'x'.repeat(4000) }, 'sesame')), 413, 'body-too-large'],
      [
        await app.request('/v1/sessions/nope/costs', { headers: { authorization: 'Bearer sesame' } }),
        404,
        'unknown-session',
      ],
      [
        await app.request('/v1/nowhere', { headers: { authorization: 'Bearer sesame' } }),
        404,
        'unknown-route',
      ],
    ];
    for (const [response, status, code] of table) {
      expect(response.status, code).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
    }
    const opened = await app.request('/v1/sessions', json({}, 'sesame'));
    expect(opened.status).toBe(201);
    const full = await app.request('/v1/sessions', json({}, 'sesame'));
    expect(full.status).toBe(429);
    expect(await full.json()).toMatchObject({
      error: { code: 'too-many-sessions', hint: expect.any(String) },
    });
    await sessions.closeAll();
  });

  it('releases a session nobody called for sessionIdleMs', async () => {
    const { app, sessions } = createEngineApp({
      createEngine: () => createMiniEngine({ width: 32, height: 18 }),
      sessionIdleMs: 30,
    });
    const { session } = (await (await app.request('/v1/sessions', json({}))).json()) as { session: string };
    expect((await app.request(`/v1/sessions/${session}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((await app.request(`/v1/sessions/${session}`)).status).toBe(404);
    await sessions.closeAll();
  });

  it('refuses frames in a format it does not produce', async () => {
    const { app, sessions } = createEngineApp({
      createEngine: () => createMiniEngine({ width: 32, height: 18 }),
    });
    const { session } = (await (await app.request('/v1/sessions', json({}))).json()) as { session: string };
    const response = await app.request(`/v1/sessions/${session}/chunks/0/frames`, {
      headers: { accept: 'video/mp4' },
    });
    expect(response.status).toBe(406);
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported-media-type' } });
    await sessions.closeAll();
  });
});
