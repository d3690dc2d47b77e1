/** One line of the bench table: Dojo's figure, the baseline's when there is one, and the target. */
export interface BenchRow {
	measure: string;
	dojo: number;
	baseline?: number;
	unit: string;
	target: string;
	/** Undefined when the row has no target of its own. */
	met?: boolean;
}
