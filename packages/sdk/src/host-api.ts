/** The host API version extensions declare a range against (`hostApi` in the manifest). */
export const HOST_API_VERSION = "0.1.0";

/** The manifest format this SDK reads. */
export const MANIFEST_VERSION = 1;

/** The file that marks a folder as a Switchyard extension. */
export const MANIFEST_FILE_NAME = "switchyard.extension.json";
