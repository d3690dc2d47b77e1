/**
 * A failure the member caused or can fix (a filter that matches nothing, a missing permission). Its
 * message is shown to them as is, privately; anything else is a bug and gets a generic reply.
 */
export class UserFacingError extends Error {
	constructor(message: string) {
		super(message);
		this.name = "UserFacingError";
	}
}
