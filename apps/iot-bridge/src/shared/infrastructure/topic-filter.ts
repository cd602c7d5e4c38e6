/** The levels a topic filter's `+` wildcards matched, or undefined when the topic does not match it. */
export function matchTopic(filter: string, topic: string): string[] | undefined {
  const f = filter.split('/');
  const t = topic.split('/');
  const wildcards: string[] = [];
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return [...wildcards, t.slice(i).join('/')];
    if (i >= t.length) return undefined;
    if (f[i] === '+') wildcards.push(t[i]);
    else if (f[i] !== t[i]) return undefined;
  }
  return f.length === t.length ? wildcards : undefined;
}
