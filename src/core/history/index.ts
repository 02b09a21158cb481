/** The dashboard's history: samples per model, derived series, persistence and CSV. */
export * from './csv';
export * from './history';
export * from './ringBuffer';
export * from './sample';
export * from './series';
