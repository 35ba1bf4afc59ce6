"""Programs the tests and the benchmark share but the editor never runs: a throwaway PostgreSQL
server (pg_cluster). Nothing in the editor imports this package, and it imports no test code."""
