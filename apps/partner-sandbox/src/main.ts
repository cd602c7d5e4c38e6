// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('partner-sandbox');

import { runService } from '@sportclub/service-kit';
import { SANDBOX_SERVICE } from './sandbox.service';

// The sandbox simulates vendors at their HTTP boundary; it owns no database and joins no broker.
void runService(SANDBOX_SERVICE);
