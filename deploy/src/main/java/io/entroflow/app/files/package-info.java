/**
 * Problems with the files the commands are given, told in words and naming the option:
 * {@link io.entroflow.app.files.FileProblems}.
 */
package io.entroflow.app.files;
