// Activity listeners are process-wide: tests that count spans must not see another test's runs.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
