// `iamflow/entities`: the registry of who is who (global IDs, kinds, attributes) and its vocabulary.

export * from './registry.js';
export {
  type RegistryParseResult,
  registryFromJSON,
  registrySchema,
  registryToJSON,
} from './registry-schema.js';
export * from './registry-vocabulary.js';
