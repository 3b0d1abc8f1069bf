/** Test setup: property tests explore new inputs on developers' machines, and replay a fixed seed in CI. */
import fc from 'fast-check';

// CI must be reproducible: a failure there reruns locally with FC_SEED=<seed>.
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20241210 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
