/**
 * Model files: {@link io.entroflow.schemas.model.HmmModelJson}, the JSON form of a hidden Markov
 * model ({@code analyze --measure hmm --save-model}, a spec's {@code model-file}, {@code generate hmm}),
 * read with a one-line error naming the JSON path of anything wrong.
 */
package io.entroflow.schemas.model;
