// Integration and e2e tests wait on real brokers, databases and processes: give them room.
jest.setTimeout(120_000);
