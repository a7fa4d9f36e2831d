// Verdicts of Go's gojsonschema (RE2 regular expressions) on the shipped schema files.
//
// Reads {"root": dir, "cases": [{"schema": relative path, "data": value}]} on stdin and writes
// {"gojsonschema": [bool]} on stdout, one verdict per case. Built with Debian's
// golang-github-xeipuuv-gojsonschema-dev (GOPATH=/usr/share/gocode GO111MODULE=off).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/xeipuuv/gojsonschema"
)

type request struct {
	Root  string `json:"root"`
	Cases []struct {
		Schema string          `json:"schema"`
		Data   json.RawMessage `json:"data"`
	} `json:"cases"`
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fmt.Fprintln(os.Stderr, "cannot read the cases:", err)
		os.Exit(2)
	}
	compiled := map[string]*gojsonschema.Schema{}
	verdicts := make([]bool, 0, len(req.Cases))
	for _, c := range req.Cases {
		schema, ok := compiled[c.Schema]
		if !ok {
			abs, _ := filepath.Abs(filepath.Join(req.Root, c.Schema))
			var err error
			schema, err = gojsonschema.NewSchema(gojsonschema.NewReferenceLoader("file://" + abs))
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n", c.Schema, err)
				os.Exit(2)
			}
			compiled[c.Schema] = schema
		}
		result, err := schema.Validate(gojsonschema.NewBytesLoader(c.Data))
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", c.Schema, err)
			os.Exit(2)
		}
		verdicts = append(verdicts, result.Valid())
	}
	json.NewEncoder(os.Stdout).Encode(map[string][]bool{"gojsonschema": verdicts})
}
