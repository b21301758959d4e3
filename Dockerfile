# One image recipe for every template of the catalog; the template's main class is a build argument:
#   docker build --build-arg MAIN_CLASS=io.bqflex.templates.GcsCsvToBigQuery -t IMAGE .
# It packages the artifact `mvn package` builds: target/bqflex.jar, whose manifest names target/lib/*.
FROM gcr.io/dataflow-templates-base/java17-template-launcher-base:20260122_RC00

ARG MAIN_CLASS
RUN test -n "${MAIN_CLASS}" || (echo "build with --build-arg MAIN_CLASS=<template main class>" && exit 1)

ENV FLEX_TEMPLATE_JAVA_MAIN_CLASS=${MAIN_CLASS}
# lib/* is listed too so that Beam stages every dependency to the workers.
ENV FLEX_TEMPLATE_JAVA_CLASSPATH=/template/bqflex.jar:/template/lib/*

COPY target/lib/ /template/lib/
COPY target/bqflex.jar /template/bqflex.jar
