import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { CheckInModule } from './check-in/check-in.module';
import { CourtsHttpController } from './courts/courts.http.controller';
import { DevicesModule } from './devices/devices.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RfidModule } from './rfid/rfid.module';
import { WalletHttpController } from './wallet/wallet.http.controller';

@Module({ imports: [AuthModule], controllers: [CourtsHttpController, WalletHttpController] })
export class CourtsModule {}

/** The gateway's features; every /v1 route is behind AuthGuard. */
@Module({ imports: [RateLimitModule, CheckInModule, CourtsModule, DevicesModule, RfidModule] })
export class GatewayModule {}
