// The server tests start real servers with real workers on a 2-core machine and listen to the process-wide
// "Foreman" meter; one at a time keeps their timing honest and their figures their own.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
