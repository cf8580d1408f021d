/**
 * JMH benchmarks of the operators. Each benchmark's Javadoc states its workload and the command
 * that runs it; results are in {@code docs/performance.md}.
 */
package io.entroflow.bench;
