// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('iot-bridge');

import { runService } from '@sportclub/service-kit';
import { BridgeModule } from './bridge.module';
import { iotBridgeConfigSchema } from './config/iot-bridge.config';
import { RecordPanelButtonRefusals1764600000700 } from './court-panels/infrastructure/panel-button-refusals.migration';
import { RecordPanelRequestRefusals1764600000500 } from './court-panels/infrastructure/panel-request-refusals.migration';
import { CreatePanelRequests1764600000300 } from './court-panels/infrastructure/panel-requests.migration';
import { AllowCameraDevices1764600000600 } from './devices/infrastructure/camera-devices.migration';
import { CreateDevices1764600000100 } from './devices/infrastructure/devices.migration';
import { RecordScanRefusals1764600000400 } from './rfid/infrastructure/rfid-scan-refusals.migration';
import { CreateRfidScans1764600000200 } from './rfid/infrastructure/rfid-scans.migration';

void runService({
  name: 'iot-bridge',
  features: [BridgeModule],
  configSchema: iotBridgeConfigSchema,
  migrations: [
    CreateDevices1764600000100,
    CreateRfidScans1764600000200,
    CreatePanelRequests1764600000300,
    RecordScanRefusals1764600000400,
    RecordPanelRequestRefusals1764600000500,
    AllowCameraDevices1764600000600,
    RecordPanelButtonRefusals1764600000700,
  ],
});
