import { Counter } from 'prom-client';
import { metricsRegistry, sharedMetric } from '@sportclub/observability';

/** Terminal outcomes by saga type and end state. */
export function sagaOutcomes(): Counter<'type' | 'state'> {
  return sharedMetric(
    'saga_outcomes_total',
    () =>
      new Counter<'type' | 'state'>({
        name: 'saga_outcomes_total',
        help: 'Sagas that reached a terminal state, by saga type and state',
        labelNames: ['type', 'state'],
        registers: [metricsRegistry],
      }),
  );
}
