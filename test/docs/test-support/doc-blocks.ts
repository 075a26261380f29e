import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** One fenced code block of a Markdown document. */
export interface DocBlock {
  /** `README.md:109`: the document and the line of the opening fence. */
  where: string;
  lang: string;
  /** `file=<path>` in the fence's info string: where the block lives in the example project. */
  file: string | undefined;
  code: string;
}

/** The `ts` and `json` blocks of a Markdown file (```ts file=acme/src/index.ts puts a block at a path). */
export function docBlocks(markdownFile: string, name: string): DocBlock[] {
  const lines = readFileSync(markdownFile, "utf8").split("\n");
  const blocks: DocBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^```(\w+)(.*)$/.exec(lines[index] as string);
    if (!open) continue;
    const start = index;
    const body: string[] = [];
    for (index += 1; index < lines.length && lines[index] !== "```"; index += 1) body.push(lines[index] as string);
    const lang = open[1] as string;
    if (lang !== "ts" && lang !== "json") continue;
    blocks.push({ where: `${name}:${start + 1}`, lang, file: /\bfile=(\S+)/.exec(open[2] ?? "")?.[1], code: `${body.join("\n")}\n` });
  }
  return blocks;
}

/** What a document's blocks became on disk. */
export interface DocProject {
  /** Blocks without `file=`: TypeScript scripts to run, each written as its own module. */
  scripts: Array<{ block: DocBlock; file: string }>;
  /** `*.test.ts` blocks: suites to register. */
  tests: string[];
  /** Every block with its path in the project. */
  files: Array<{ block: DocBlock; file: string }>;
}

/**
 * Writes a document's blocks into `dir` as the project they describe. A `src/*.ts` block is also
 * compiled to `dist/*.js` (what `tsc` would emit), because a manifest's entry is built JavaScript.
 */
export function writeDocProject(blocks: readonly DocBlock[], dir: string): DocProject {
  const project: DocProject = { scripts: [], tests: [], files: [] };
  for (const block of blocks) {
    const relative = block.file ?? `example-${block.where.split(":")[1]}.${block.lang}`;
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, block.code);
    project.files.push({ block, file });
    if (block.lang !== "ts") continue;
    if (block.file === undefined) project.scripts.push({ block, file });
    else if (file.endsWith(".test.ts")) project.tests.push(file);
    const compiled = /^(.*)\/src\/(.*)\.ts$/.exec(file);
    if (compiled) {
      const out = path.join(compiled[1] as string, "dist", `${compiled[2]}.js`);
      mkdirSync(path.dirname(out), { recursive: true });
      // ES module output: the sandbox sits under test/, whose package.json says "type": "module", so
      // Node reads dist/*.js as ES modules (NodeNext would emit CommonJS here, knowing no package.json).
      const { outputText } = ts.transpileModule(block.code, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 }, fileName: file });
      writeFileSync(out, outputText);
    }
  }
  return project;
}
