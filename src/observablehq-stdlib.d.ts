/**
 * Types for the one part of Framework's standard library that TypeScript modules under src/
 * import explicitly: `FileAttachment` from "observablehq:stdlib" (src/embed/tokens.ts). Framework
 * resolves the path at build time, relative to the importing module's own URL.
 */
declare module "observablehq:stdlib" {
  export interface AbstractFile {
    readonly name: string;
    readonly href: string;
    url(): Promise<string>;
    arrayBuffer(): Promise<ArrayBuffer>;
    text(): Promise<string>;
    json(): Promise<unknown>;
  }
  export function FileAttachment(name: string): AbstractFile;
}
