import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES, TOPICS, allTopicSpecs } from './topics';

describe('topic registry', () => {
  it('names the same services the deployment runs', () => {
    const deployed = JSON.parse(readFileSync(join(__dirname, '../../../deploy/services.json'), 'utf8'));
    expect([...SERVICE_NAMES].sort()).toEqual(Object.keys(deployed).sort());
  });

  it('follows <context>.<aggregate>.v<major>, once each, with a dead-letter topic per topic', () => {
    const names = TOPICS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+\.[a-z-]+\.v[1-9]\d*$/);
    expect(allTopicSpecs().map((t) => t.name)).toEqual(names.flatMap((n) => [n, `${n}.dlt`]));
  });
});
