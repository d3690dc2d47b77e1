import { listBankFiles, loadBankFiles } from "../bank-files.js";
import { formatProblem } from "../core/bank/problem.js";

/** `npm run bank:check [files...]`: validates bank files the way the bot loads them; exit 1 on any problem. */
async function main(args: string[]): Promise<number> {
	const dir = process.env.BANKS_DIR ?? "data/banks";
	let files: string[];
	try {
		files = args.length > 0 ? args : await listBankFiles(dir);
	} catch (error) {
		const code = error instanceof Error && "code" in error ? String(error.code) : String(error);
		console.error(`bank:check: cannot read the bank folder ${dir} (${code})`);
		return 1;
	}
	if (files.length === 0) {
		console.error(`bank:check: no bank files found (expected .yaml, .yml or .json files in ${dir})`);
		return 1;
	}
	const { bank, problems } = await loadBankFiles(files);
	for (const problem of problems) console.error(formatProblem(problem));
	if (problems.length > 0) {
		console.error(`bank:check: ${problems.length} problem(s) in ${files.length} file(s)`);
		return 1;
	}
	console.log(
		`bank:check: ${files.length} file(s) OK: ${bank.questions.length} questions in ${bank.sections.length} sections`,
	);
	return 0;
}

process.exitCode = await main(process.argv.slice(2));
