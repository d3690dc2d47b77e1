import type { IncomingMessage } from "node:http";

export interface UploadedFile {
	field: string;
	filename: string;
	contentType: string;
	bytes: Uint8Array;
}

export interface ParsedBody {
	json: unknown;
	files: UploadedFile[];
}

/** JSON bodies, and multipart bodies with `payload_json` plus files, as discord.js sends attachments. */
export async function readBody(request: IncomingMessage): Promise<ParsedBody> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks);
	const type = request.headers["content-type"] ?? "";
	if (raw.length === 0) return { json: undefined, files: [] };
	if (type.startsWith("multipart/form-data")) {
		const form = await new Response(raw, { headers: { "content-type": type } }).formData();
		const files: UploadedFile[] = [];
		let json: unknown;
		for (const [field, value] of form.entries()) {
			if (typeof value === "string") {
				if (field === "payload_json") json = JSON.parse(value);
			} else {
				files.push({
					field,
					filename: value.name,
					contentType: value.type,
					bytes: new Uint8Array(await value.arrayBuffer()),
				});
			}
		}
		return { json, files };
	}
	return { json: JSON.parse(raw.toString("utf8")), files: [] };
}
