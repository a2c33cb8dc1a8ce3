import { availableParallelism } from 'os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // Vitest's default leaves one core free, which on CI's two cores runs the files one by one;
    // each file works in its own temporary folders and processes, so two at a time is safe.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: ['default', './test/support/durations.ts'],
    setupFiles: ['test/support/parser-setup.ts'],
  },
});
