/** Jest `setupFilesAfterEnv`: each test file's scratch directories (test/support/scratch-dir.ts) go when its tests end. */
import { removeScratchDirs } from './scratch-dir';

afterAll(removeScratchDirs);
