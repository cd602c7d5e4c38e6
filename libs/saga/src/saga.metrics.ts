import { Counter } from 'prom-client';
import { metricsRegistry } from '@sportclub/observability';

const NAME = 'saga_outcomes_total';

/** Terminal outcomes by saga type and end state; registered once per process registry and shared. */
export function sagaOutcomes(): Counter<'type' | 'state'> {
  return (
    (metricsRegistry.getSingleMetric(NAME) as Counter<'type' | 'state'> | undefined) ??
    new Counter<'type' | 'state'>({
      name: NAME,
      help: 'Sagas that reached a terminal state, by saga type and state',
      labelNames: ['type', 'state'],
      registers: [metricsRegistry],
    })
  );
}
