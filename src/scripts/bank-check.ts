import { listBankFiles, loadBankFiles } from "../bank-files.js";
import { formatProblem } from "../core/bank/problem.js";
import { formatShape, shapeOfEachBank, shapeWarnings } from "../core/bank/shape.js";

/**
 * `npm run bank:check [files...]`: validates bank files the way the bot loads them; exit 1 on any problem.
 * It also reports each loaded bank's shape (can the answer be guessed from the choices' lengths, are the
 * difficulties spread) and warns when a limit is passed. A warning never fails the check: a server's
 * own bank is theirs to shape, and the bot loads it either way. The test suite holds our banks to it.
 */
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

	// Files with a problem are left out of the bank, so the report covers the banks that loaded.
	let warnings = 0;
	for (const shape of shapeOfEachBank(bank)) {
		console.log(formatShape(shape));
		for (const warning of shapeWarnings(shape)) {
			console.warn(`warning: ${shape.bankId}: ${warning}`);
			warnings += 1;
		}
	}
	const warned = warnings > 0 ? `; ${warnings} shape warning(s)` : "";

	if (problems.length > 0) {
		console.error(`bank:check: ${problems.length} problem(s) in ${files.length} file(s)${warned}`);
		return 1;
	}
	console.log(
		`bank:check: ${files.length} file(s) OK: ${bank.questions.length} questions in ${bank.sections.length} sections${warned}`,
	);
	return 0;
}

process.exitCode = await main(process.argv.slice(2));
