/** One thing wrong with a bank file, worded for the person who wrote it. */
export interface BankProblem {
	file: string;
	path: string;
	message: string;
	line?: number;
}

export function formatProblem(problem: BankProblem): string {
	const where = problem.line === undefined ? "" : ` (line ${problem.line})`;
	return `${problem.file}: ${problem.path || "(file)"}: ${problem.message}${where}`;
}
