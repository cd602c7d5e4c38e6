import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DevicesHttpController } from './devices.http.controller';

@Module({ imports: [AuthModule], controllers: [DevicesHttpController] })
export class DevicesModule {}
