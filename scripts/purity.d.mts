export declare const repoRoot: string;
export declare function checkBrowserBundle(entry: string): Promise<string[]>;
export declare function checkCoreTypes(extraFiles?: string[]): string[];
export declare function checkCoreLint(code: string, filePath?: string): Promise<string[]>;
