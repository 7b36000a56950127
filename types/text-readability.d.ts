declare module 'text-readability' {
  interface Readability {
    fleschReadingEase(text: string): number;
    fleschKincaidGrade(text: string): number;
    textStandard(text: string, floatOutput?: boolean | null): string | number;
    sentenceCount(text: string): number;
    lexiconCount(text: string): number;
  }
  const readability: Readability;
  export default readability;
}
