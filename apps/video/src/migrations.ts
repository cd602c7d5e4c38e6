import { CreateVideo1765800000000 } from './streams/infrastructure/video.migration';

/** video's schema, in the order the migrations apply. */
export const VIDEO_MIGRATIONS = [CreateVideo1765800000000];
