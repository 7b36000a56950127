// NLP.js ships no type declarations; this is the part of @nlpjs/neural the project uses.
declare module '@nlpjs/neural' {
  export class NeuralNetwork {
    constructor(settings?: { iterations?: number; errorThresh?: number; learningRate?: number; log?: boolean });
    train(corpus: { input: Record<string, number>; output: Record<string, number> }[]): unknown;
    run(input: Record<string, number>): Record<string, number> | undefined;
    /** Built by train(): maps feature names to the network's inputs, dropping unknown ones. */
    lookup?: { transformInput(input: Record<string, number>): { keys: number[] } };
    toJSON(): unknown;
    fromJSON(json: unknown): void;
  }
}
