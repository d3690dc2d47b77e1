// Stands in for a bot: runs until it is stopped.
setInterval(() => {}, 1_000);
