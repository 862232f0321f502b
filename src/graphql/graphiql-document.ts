/** What GraphiQL at /graphql opens with: a real query and a real mutation to edit and run. */
export const GRAPHIQL_DEFAULT_DOCUMENT = `# EcoSystemiser: every simulation run is logged; query, compare and export them here.

# The five cheapest completed designs above 80 % renewable share, with their study.
query CheapestRenewableRuns {
  runs(
    filter: { status: { eq: COMPLETED }, renewableFraction: { gt: 0.8 } }
    orderBy: [{ field: TOTAL_COST_EUR, direction: ASC }]
    first: 5
  ) {
    totalCount
    nodes {
      id
      systemName
      solver
      study { name }
      kpis { totalCostEur renewableFraction totalCo2Kg selfSufficiencyRate }
    }
    pageInfo { hasNextPage endCursor }
  }
  runStats(filter: { status: { eq: COMPLETED } }) {
    count
    bySolver { solver count }
    kpis { totalCostEur { min avg best } }
  }
}

# A one-day PV + battery system on the rule-based solver (runs in well under a second).
mutation RunSmallSystem {
  runSimulation(input: {
    system: {
      name: "Demo house"
      horizon: { timesteps: 24, timestepHours: 1, startDayOfYear: 172 }
      components: [
        { id: "grid", kind: GRID, importPriceEurPerKwh: { constant: 0.30 }, exportPriceEurPerKwh: { constant: 0.08 } }
        { id: "pv", kind: SOLAR_PV, peakKw: 6 }
        { id: "battery", kind: BATTERY, energyKwh: 10 }
        { id: "house", kind: ELECTRIC_DEMAND, annualKwh: 4000 }
      ]
      connections: [
        { from: "pv", to: "house", medium: ELECTRICITY }
        { from: "pv", to: "battery", medium: ELECTRICITY }
        { from: "pv", to: "grid", medium: ELECTRICITY }
        { from: "battery", to: "house", medium: ELECTRICITY }
        { from: "grid", to: "house", medium: ELECTRICITY }
      ]
    }
    options: { solver: RULE_BASED }
    tags: ["demo"]
  }) {
    run { id status kpis { totalCostEur renewableFraction } }
    warnings
  }
}
`;
