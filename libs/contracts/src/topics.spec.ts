import { localServices, repoRoot } from '@sportclub/testing';
import { SERVICE_NAMES, TOPICS, allTopicSpecs } from './topics';

describe('topic registry', () => {
  it('names the same services the deployment runs', () => {
    expect([...SERVICE_NAMES].sort()).toEqual(Object.keys(localServices(repoRoot())).sort());
  });

  it('follows <context>.<aggregate>.v<major>, once each, with a dead-letter topic per topic', () => {
    const names = TOPICS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+\.[a-z-]+\.v[1-9]\d*$/);
    expect(allTopicSpecs().map((t) => t.name)).toEqual(names.flatMap((n) => [n, `${n}.dlt`]));
  });
});
