import { AddClipChecks1765800000400 } from './highlights/infrastructure/clip-checks.migration';
import { CreateHighlights1765800000100 } from './highlights/infrastructure/highlights.migration';
import { CreateSigningKeys1765800000200 } from './playback/infrastructure/signing-keys.migration';
import { CreatePrivacy1765800000300 } from './privacy/infrastructure/privacy.migration';
import { CreateVideo1765800000000 } from './streams/infrastructure/video.migration';

/** video's schema, in the order the migrations apply. */
export const VIDEO_MIGRATIONS = [
  CreateVideo1765800000000,
  CreateHighlights1765800000100,
  CreateSigningKeys1765800000200,
  CreatePrivacy1765800000300,
  AddClipChecks1765800000400,
];
