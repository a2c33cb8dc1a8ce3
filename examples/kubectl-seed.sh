#!/bin/bash
shopt -s expand_aliases

func1() {
  kubectl get ns
}

main() {
  alias kubectl="kubectl --insecure-skip-tls-verify=True"
  kubectl get pods
  func1
}

main "$@"
