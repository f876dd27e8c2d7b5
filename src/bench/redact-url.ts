/**
 * A URL safe to print: its password (and a username that looks like a token when there is no password) replaced
 * by `***`. Anything that does not parse as a URL becomes `(unprintable URL)`.
 *
 * @example
 * redactUrl('rediss://:s3cret@redis.example:6380/2') // 'rediss://:***@redis.example:6380/2'
 */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return '(unprintable URL)';
  }
  if (url.password !== '') url.password = '***';
  else if (url.username !== '' && url.protocol.startsWith('redis')) url.username = '***';
  for (const name of [...url.searchParams.keys()]) {
    if (/pass|secret|token|key/i.test(name)) url.searchParams.set(name, '***');
  }
  return url.toString();
}
