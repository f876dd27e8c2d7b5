// The server API with the token (from the `#token=` the server printed, kept for this tab).
const tokenMatch = /token=([^&]+)/.exec(location.hash);
if (tokenMatch) {
  sessionStorage.setItem('iamflow-token', decodeURIComponent(tokenMatch[1]));
  history.replaceState(
    null,
    '',
    location.pathname + location.hash.replace(/[#&]?token=[^&]+/, '').replace(/^$/, '#/'),
  );
}

export const token = () => sessionStorage.getItem('iamflow-token') ?? '';

export async function api(path, options = {}) {
  const headers = {
    ...(options.body ? { 'Content-Type': 'application/json' } : {}),
    Authorization: `Bearer ${token()}`,
  };
  const response = await fetch(path, { ...options, headers: { ...headers, ...options.headers } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(
      body.error
        ? `${body.error.message}${body.error.hint ? ` (${body.error.hint})` : ''}`
        : response.statusText,
    );
    error.code = body.error?.code;
    throw error;
  }
  return body;
}

/** A URL the browser loads itself (img, video, EventSource): the token goes in the query. */
export const withToken = (path) =>
  token() ? `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token())}` : path;
